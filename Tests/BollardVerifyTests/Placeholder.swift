import Testing
@testable import BollardVerify
