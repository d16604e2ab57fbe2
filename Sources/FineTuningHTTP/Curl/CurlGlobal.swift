import CCurlShim

/// libcurl's process-wide initialisation, done once before the first handle is made.
enum CurlGlobal {
    private static let initialized: Bool = {
        let code = curl_shim_global_init()
        precondition(code == CURLE_OK, "curl_global_init failed: \(String(cString: curl_easy_strerror(code)))")
        return true
    }()

    static func initializeOnce() {
        _ = initialized
    }
}
