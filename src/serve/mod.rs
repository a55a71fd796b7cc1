//! `clinote serve`: a live preview that rebuilds incrementally and reloads the browser.

pub mod preview;
