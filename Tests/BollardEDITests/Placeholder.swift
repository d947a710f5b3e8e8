import Testing
@testable import BollardEDI
