//! How wide text is, in Excel's unit of width (the width of a digit), and
//! how many lines it takes when wrapped: the measure every width and row
//! height in the report is estimated from. Excel and LibreOffice do not
//! measure text written by a library, so the report does it here.

/// Pixels per unit of column width, and the default font's size in pixels
/// (Calibri 11 at 96 dpi): a column `w` wide holds about `w * 7` pixels of
/// text.
pub(crate) const PX_PER_UNIT: f64 = 7.0;
pub(crate) const FONT_PX: f64 = 14.67;

/// A character's advance in the default font (Calibri, and Carlito, which
/// LibreOffice uses in its place, has the same metrics), as a fraction of
/// the font size. Text is measured rather than counted because an `i` is a
/// third of an `m`.
pub(crate) fn em(c: char) -> f64 {
    const LOWER: [f64; 26] = [
        0.479, 0.525, 0.423, 0.525, 0.498, 0.305, 0.471, 0.525, 0.229, 0.239, 0.455, 0.229, 0.799,
        0.525, 0.527, 0.525, 0.525, 0.349, 0.391, 0.335, 0.525, 0.452, 0.715, 0.433, 0.453, 0.395,
    ];
    const UPPER: [f64; 26] = [
        0.579, 0.544, 0.533, 0.615, 0.488, 0.459, 0.631, 0.623, 0.252, 0.319, 0.520, 0.420, 0.855,
        0.646, 0.662, 0.517, 0.673, 0.543, 0.459, 0.487, 0.642, 0.567, 0.890, 0.519, 0.487, 0.468,
    ];
    match c {
        'a'..='z' => LOWER[c as usize - 'a' as usize],
        'A'..='Z' => UPPER[c as usize - 'A' as usize],
        ' ' => 0.226,
        '\'' => 0.221,
        ',' | '.' | ':' | ';' | '!' | '|' => 0.26,
        '(' | ')' | '[' | ']' | '-' => 0.305,
        '/' | '"' => 0.39,
        '%' => 0.715,
        '&' => 0.682,
        '@' => 0.894,
        // Digits and the rest of ASCII: a digit's width.
        c if c.is_ascii() => 0.507,
        // Letters with accents as wide as most letters; wide scripts wider.
        c if c.is_alphabetic() && (c as u32) < 0x2E80 => 0.53,
        _ => 1.0,
    }
}

/// How wide `text` is, in units of column width.
pub(crate) fn text_units(text: &str) -> f64 {
    text.chars().map(em).sum::<f64>() * FONT_PX / PX_PER_UNIT
}

/// How many lines `text` takes when wrapped at word boundaries in a column
/// `width` units wide (a word longer than a line is broken, as Excel does).
pub(crate) fn wrapped_lines(text: &str, width: f64) -> usize {
    // A cell keeps a few pixels of padding. (LibreOffice makes a unit a
    // little wider than Excel, so it fits a little more on a line.)
    let capacity = ((width * PX_PER_UNIT - 1.0) / FONT_PX).max(0.5);
    let space = em(' ');
    let mut lines = 0;
    for paragraph in text.split('\n') {
        let mut used = 0.0;
        lines += 1;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let len: f64 = word.chars().map(em).sum();
            let needed = if used == 0.0 { len } else { used + space + len };
            if needed <= capacity {
                used = needed;
                continue;
            }
            if used > 0.0 {
                lines += 1;
            }
            // A word wider than the line takes whole lines of its own.
            let whole = (len / capacity).ceil().max(1.0);
            lines += whole as usize - 1;
            used = len - (whole - 1.0) * capacity;
        }
    }
    lines.max(1)
}
