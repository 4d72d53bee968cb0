public import ArgumentParser
import Foundation
import Security

/// The environment `apikey` and `seed` run in: the process environment with
/// `SUPPORTCARR_ENV` defaulting to `development` (an operator's tool on a
/// laptop; a production deployment sets it, and then the real secrets are required).
enum OperatorEnvironment {
    static var values: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        if environment[DeploymentEnvironment.variable] == nil {
            environment[DeploymentEnvironment.variable] = "development"
        }
        return environment
    }

    static var deployment: DeploymentEnvironment {
        (try? DeploymentEnvironment.fromEnvironment(values)) ?? .production
    }
}

extension Role: ExpressibleByArgument {}
