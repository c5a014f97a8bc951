"""Import a Pizhu .apkg into a fresh collection with Anki's own library and
print what arrived as JSON (the Rust test asserts on it).

Usage: check_apkg.py PACKAGE WORKDIR
"""
import json
import os
import sys

from anki.collection import Collection, ImportAnkiPackageRequest

package, workdir = sys.argv[1], sys.argv[2]
col = Collection(os.path.join(workdir, "fresh.anki2"))
col.import_anki_package(ImportAnkiPackageRequest(package_path=package))

notes = []
for nid in col.find_notes(""):
    note = col.get_note(nid)
    notetype = note.note_type()
    cards = note.cards()
    notes.append({
        "notetype": notetype["name"],
        "cloze": notetype["type"] == 1,
        "fields": dict(note.items()),
        "tags": sorted(note.tags),
        "cards": len(cards),
        "deck": col.decks.name(cards[0].did) if cards else None,
        # What the reviewer sees: the question and the answer, rendered by Anki.
        "question": cards[0].question() if cards else None,
        "answer": cards[0].answer() if cards else None,
    })
print(json.dumps({"notes": notes, "card_count": col.card_count()}, ensure_ascii=False))
col.close()
