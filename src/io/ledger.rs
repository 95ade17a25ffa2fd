//! The street's quarterly ledger (四定四联工作台账) as an XLSX workbook.
