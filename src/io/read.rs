//! Reading spreadsheets into rows of text: CSV in UTF-8 (with or without BOM) or GBK/GB18030, and XLSX.
