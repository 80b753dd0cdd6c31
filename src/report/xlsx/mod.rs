//! The writing machinery every sheet shares, below the sheets and knowing
//! nothing of partners or rules: text measured (`measure`), formats and
//! page setup (`formats`), one cell and how it is written (`cell`), column
//! widths and row heights from the text (`fit`), the rows of a big table
//! made as XML on every core (`rows_xml`), the file put together with them
//! (`package`), and tables that page past Excel's limits (`table`). Each
//! builds only on those before it.

pub(crate) mod cell;
pub(crate) mod fit;
pub(crate) mod formats;
pub(crate) mod measure;
pub(crate) mod package;
pub(crate) mod rows_xml;
pub(crate) mod table;

pub(crate) use cell::{Cell, write_cell};
pub(crate) use fit::{Col, col, fit_widths, set_header_lines, set_lines};
pub(crate) use formats::{Formats, XfIndices};
pub(crate) use measure::wrapped_lines;
pub(crate) use package::SplicedRows;
pub use package::{BuiltWorkbook, ZIP_COMPRESSION_LEVEL};
pub(crate) use table::{
    ExcelTable, Pages, ReadySheets, add_excel_table, data_row_at, internal_link, pages_for,
    write_excel_table, write_row, write_rows, write_table, write_table_spliced,
};
