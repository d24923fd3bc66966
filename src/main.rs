use std::process::ExitCode;

fn main() -> ExitCode {
    tidings::install_crypto_provider();
    tidings::cli::main()
}
