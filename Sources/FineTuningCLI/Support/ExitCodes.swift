import ArgumentParser
import FineTuning

/// The documented exit codes of `finetune` (also printed in the README).
enum ExitCodes {
    static let success: Int32 = 0
    /// `--wait` / `wait` saw the job end failed, cancelled or expired.
    static let jobUnsuccessful: Int32 = 1
    static let invalidInput: Int32 = 3
    static let credentials: Int32 = 4
    static let notFound: Int32 = 5
    static let rateLimited: Int32 = 6
    static let providerFailure: Int32 = 7
    static let timeout: Int32 = 8
    static let plugin: Int32 = 9
    static let interrupted: Int32 = 130

    /// The exit code for an error code.
    static func code(for error: FineTuningError.Code) -> Int32 {
        switch error {
        case .invalidRequest, .unsupported, .invalidData, .conflict: invalidInput
        case .authentication, .permissionDenied, .configuration: credentials
        case .notFound: notFound
        case .rateLimited, .quotaExceeded: rateLimited
        case .timeout: timeout
        case .pluginABI: plugin
        case .cancelled: interrupted
        default: providerFailure
        }
    }

    /// The table printed in help texts and the README.
    static let table = """
        0    success
        1    the job ended failed, cancelled or expired (create --wait, wait)
        3    invalid input: bad request, unsupported parameter or capability, invalid data
        4    credentials or set-up: authentication, permission, configuration
        5    not found
        6    rate limited or quota exhausted
        7    provider or transport failure
        8    timed out
        9    plugin broke the ABI contract
        64   command-line usage error
        130  interrupted
        """
}
