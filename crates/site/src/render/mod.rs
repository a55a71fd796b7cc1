//! Rendering through the theme: loading templates ([`theme`]), the default theme embedded in
//! the binary ([`embedded`]), what templates see ([`views`]), page metadata ([`meta`]), the
//! clinic in structured data ([`clinic`]), and characters XML allows in every page and feed
//! ([`xml_chars`]).

pub mod clinic;
pub mod embedded;
pub mod meta;
pub mod theme;
pub mod views;
pub mod xml_chars;
