import Testing
@testable import BollardXML
