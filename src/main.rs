use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    silian::os::use_one_malloc_arena();
    silian::os::keep_files_private();
    let cli = silian::cli::Cli::parse();
    match silian::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("silian: {}", e.message);
            ExitCode::from(e.code)
        }
    }
}
