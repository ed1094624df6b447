fn main() {
    std::process::exit(evfield::cli::main());
}
