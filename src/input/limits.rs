//! What one file may ask of the machine ([`Limits`]) and why a file
//! cannot be read at all ([`OpenError`]): what the inspection of a file's
//! bytes and the workbook reader both answer to.

/// What to do with a workbook the reader cannot take as it is.
pub(crate) const SAVE_AGAIN: &str = "open it in Excel (or LibreOffice) and save it again as .xlsx";

/// Caps on what one file may ask of the machine.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Cells right of this column are ignored (no input needs that many).
    pub(crate) max_cols: u32,
    /// The largest inflated size of any one part of a zip-based workbook.
    pub(crate) max_part_bytes: u64,
    /// The largest inflated size of the shared-strings table, which is held
    /// in memory whole.
    pub(crate) max_shared_strings_bytes: u64,
    /// The largest inflated size of all parts together.
    pub(crate) max_total_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_cols: 512,
            // A full 1,048,576-row sheet of ten columns is about 600 MB of XML.
            max_part_bytes: 2 << 30,
            max_shared_strings_bytes: 512 << 20,
            max_total_bytes: 6 << 30,
        }
    }
}

/// Why a file cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub(crate) enum OpenError {
    /// The operating system refused (missing, permissions, locked).
    #[error(
        "cannot open the file ({0}): check that it is there and that this user may read it (on Windows, close it in Excel)"
    )]
    Io(#[from] std::io::Error),
    /// The bytes are not a spreadsheet format calamine reads.
    #[error(
        "not a spreadsheet or text export: {0}. Only workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) and text exports (.csv, .tsv) are read: take it out of the inputs, or save it from Excel as .xlsx"
    )]
    NotASpreadsheet(String),
    /// The file would inflate beyond the limits.
    #[error("refused: {0}. If the file is genuine, {SAVE_AGAIN} or split it")]
    TooLarge(String),
    /// The container is damaged.
    #[error("{0}: {SAVE_AGAIN}")]
    Damaged(String),
    /// Encrypted, or obfuscated with a password.
    #[error(
        "the workbook is password protected (encrypted): open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, cleared) and save it again"
    )]
    Password,
    /// calamine could not read it: what is wrong and what to do, then its
    /// own words.
    #[error("{0}")]
    Unreadable(String),
}
