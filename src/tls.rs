//! TLS for the HTTP clients: rustls with the `ring` crypto provider (no aws-lc, a large C library
//! that wants CMake, and NASM on Windows, to build). reqwest is built without a provider of its
//! own, so every client is made after [`use_ring`].

/// Makes `ring` the process's rustls provider. Call it before building a reqwest client (which
/// panics without a provider); calling it again, from any thread, does nothing.
pub fn use_ring() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // An error means a provider is already installed, which serves as well.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_client_builds_with_the_ring_provider() {
        super::use_ring();
        super::use_ring();
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
        reqwest::blocking::Client::builder()
            .https_only(true)
            .build()
            .expect("a TLS client");
    }
}
