use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    silian::os::use_one_malloc_arena();
    silian::os::keep_files_private();
    let cli = match silian::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // clap repeats the arguments it refuses: shown, never obeyed by the terminal.
        Err(e) if e.use_stderr() => {
            eprint!("{}", silian::present::visible_lines(&e.render().to_string()));
            return ExitCode::from(e.exit_code() as u8);
        }
        Err(e) => e.exit(),
    };
    match silian::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("silian: {}", silian::present::visible_lines(&e.message));
            ExitCode::from(e.code)
        }
    }
}
