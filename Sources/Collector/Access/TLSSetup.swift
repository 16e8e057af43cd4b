import NIOSSL

/// Reads `--tls-cert`/`--tls-key` into a server TLS configuration, with errors that name the file.
enum TLSSetup {
    static func configuration(_ files: TLSFiles) throws -> TLSConfiguration {
        let certificates: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(files.certificatePath)
        } catch {
            throw TLSSetupError(message: "cannot read the TLS certificate \(files.certificatePath) (PEM expected): \(error)")
        }
        guard !certificates.isEmpty else { throw TLSSetupError(message: "no certificate found in \(files.certificatePath)") }
        do {
            key = try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)
        } catch {
            throw TLSSetupError(message: "cannot read the TLS private key \(files.privateKeyPath) (PEM expected): \(error)")
        }
        return TLSConfiguration.makeServerConfiguration(
            certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
    }
}

package struct TLSSetupError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
