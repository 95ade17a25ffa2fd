//! Empty XLSX templates with Chinese headers and an instruction row.
