//! Writing lists to XLSX and CSV (UTF-8 with BOM, so that Excel on Chinese Windows opens it).
