//! Rendering through the theme: loading templates ([`theme`]), the default theme embedded in
//! the binary ([`embedded`]), what templates see ([`views`]) and page metadata ([`meta`]).

pub mod embedded;
pub mod meta;
pub mod theme;
pub mod views;
