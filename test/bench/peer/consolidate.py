# The bench's peer: how an analyst consolidates the sources without Equity Desk. Reads every source
# workbook's Requests sheet with pandas (openpyxl underneath), stacks them with a Source column, counts
# requests by month and requester type, and writes one workbook with openpyxl.
# Usage: consolidate.py SOURCE_DIR OUT.xlsx (prints the number of rows consolidated).
import glob
import os
import sys

import pandas as pd


def main(source_dir, out):
    frames = []
    for path in sorted(glob.glob(os.path.join(source_dir, "*.xlsx"))):
        frame = pd.read_excel(path, sheet_name="Requests", engine="openpyxl")
        frame.insert(0, "Source", os.path.splitext(os.path.basename(path))[0])
        frames.append(frame)
    requests = pd.concat(frames, ignore_index=True)
    month = pd.to_datetime(requests["Received"], errors="coerce").dt.strftime("%Y-%m")
    by_month = requests.assign(Month=month).pivot_table(index="Month", columns="Requester type", values="Request ID", aggfunc="count", fill_value=0)
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        by_month.to_excel(writer, sheet_name="Summary")
        requests.to_excel(writer, sheet_name="Requests", index=False)
    print(len(requests))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
