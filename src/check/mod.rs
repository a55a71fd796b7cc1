//! `clinote check`: findings about medical advertising, privacy and readability.

pub mod config;
