//! Black-box tests of the `brigade` binary live in `tests/`; this library is empty.
