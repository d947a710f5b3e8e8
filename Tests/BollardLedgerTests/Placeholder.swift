import Testing
@testable import BollardLedger
