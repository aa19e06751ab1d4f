//! The app's entry point, called by the wasm-bindgen loader.

fn main() {
    brigade_frontend::start();
}
