"""Train the matching model on the shipped world data and write amity/data/matching-model.json.

Run after changing the features or the world data: `python scripts/train_matching_model.py`
(about a minute). The Matcher uses this model for any registry that has not trained its own
(`amity match --train`); a test checks that its features are today's.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from amity import world
from amity.matching.service import train
from amity.storage import migrate, open_database

TARGET = Path(__file__).resolve().parent.parent / "amity" / "data" / "matching-model.json"


def main() -> None:
    folder = tempfile.mkdtemp()
    db = open_database(f"sqlite:///{Path(folder) / 'world.sqlite3'}")
    migrate.upgrade(db)
    world.load(db)
    with db.begin() as conn:
        ranker = train(conn)
    seconds = ranker.about["seconds"]
    about = dict(ranker.about, release=world.RELEASE)
    for changing in ("trained_at", "seconds"):  # the file changes only when the model does
        about.pop(changing, None)
    ranker.about = about
    TARGET.write_text(json.dumps(ranker.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {TARGET} ({about['partnerships']:,} partnerships, {seconds} s)")


if __name__ == "__main__":
    main()
