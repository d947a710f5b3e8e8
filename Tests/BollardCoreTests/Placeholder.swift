import Testing
@testable import BollardCore
