import Testing
@testable import BollardEPCIS
