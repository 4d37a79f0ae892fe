"""Cuts a MovieLens-layout folder into another one with different users and years.

    /usr/bin/python3 eval/scripts/split_movielens.py --movielens <folder> --out <folder> \
        --users even|odd|all [--from 2000-01-01] [--before 2009-01-01]

Keeps the ratings (and tag applications) of users whose numeric id is even or odd, whose
timestamp falls in [from, before); movies.csv is copied as it is. The result is a folder of the
same layout, for checking that the evaluation recipe generalises beyond the data it was
developed on.
"""
import argparse
import csv
import datetime
import os
import shutil


def seconds(day):
    return int(datetime.datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=datetime.timezone.utc).timestamp())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--movielens", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--users", choices=["even", "odd", "all"], default="all")
    parser.add_argument("--from", dest="start", default="1900-01-01")
    parser.add_argument("--before", default="2100-01-01")
    args = parser.parse_args()
    start, end = seconds(args.start), seconds(args.before)
    parity = {"even": 0, "odd": 1}.get(args.users)

    def keep(row):
        return ((parity is None or int(row["userId"]) % 2 == parity)
                and start <= int(row["timestamp"]) < end)

    os.makedirs(args.out, exist_ok=True)
    shutil.copyfile(os.path.join(args.movielens, "movies.csv"), os.path.join(args.out, "movies.csv"))
    for name in ("ratings.csv", "tags.csv"):
        source = os.path.join(args.movielens, name)
        if not os.path.exists(source):
            continue
        with open(source, newline="", encoding="utf-8") as f, \
                open(os.path.join(args.out, name), "w", newline="", encoding="utf-8") as out:
            reader = csv.DictReader(f)
            writer = csv.DictWriter(out, fieldnames=reader.fieldnames, lineterminator="\n")
            writer.writeheader()
            kept = 0
            for row in reader:
                if keep(row):
                    writer.writerow(row)
                    kept += 1
        print(f"{name}: kept {kept} rows")


if __name__ == "__main__":
    main()
