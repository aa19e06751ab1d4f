// Starts the app: loads the wasm-bindgen glue and its WebAssembly module.
import init from "./{{js}}";

init({ module_or_path: "/{{wasm}}" });
