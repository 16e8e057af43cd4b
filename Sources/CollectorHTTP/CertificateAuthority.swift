import NIOSSL

/// Certificates to trust on top of the system's store, read from the PEM file given with `--ca-cert`: a
/// private CA, or a collector's self-signed certificate itself.
package struct CertificateAuthority: Sendable, Hashable {
    package let path: String
    let certificates: [NIOSSLCertificate]

    /// Reads and checks the file now, so a wrong path is a clear error at start rather than a TLS failure later.
    package init(path: String) throws(CertificateAuthorityError) {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw CertificateAuthorityError("--ca-cert: cannot read a PEM certificate from '\(path)' (\(error))")
        }
        guard !certificates.isEmpty else { throw CertificateAuthorityError("--ca-cert: '\(path)' holds no PEM certificate") }
        self.path = path
        self.certificates = certificates
    }
}

package struct CertificateAuthorityError: Error, CustomStringConvertible, Sendable {
    package let description: String
    init(_ description: String) { self.description = description }
}
