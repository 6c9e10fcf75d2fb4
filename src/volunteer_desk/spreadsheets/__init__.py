"""Excel and CSV files in and out, without a database or Qt: reading any sheet a branch already keeps,
finding its header and mapping its columns to the fields of forms/, cleaning the values, and writing lists
styled like the paper."""
