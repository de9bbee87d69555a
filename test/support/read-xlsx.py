# Prints an .xlsx as JSON with openpyxl (cached values, not formulas): an independent reader for test/support/openpyxl.ts.
import datetime
import json
import sys

from openpyxl import load_workbook


def plain(value):
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    return value


def main(path):
    workbook = load_workbook(path, data_only=True)
    sheets = []
    for sheet in workbook.worksheets:
        rows = [[plain(value) for value in row] for row in sheet.iter_rows(min_row=1, min_col=1, values_only=True)]
        sheets.append({"name": sheet.title, "rows": rows, "tables": sorted(sheet.tables.keys())})
    json.dump({"sheets": sheets}, sys.stdout, default=str)


if __name__ == "__main__":
    main(sys.argv[1])
