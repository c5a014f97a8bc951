//! Highlights, themes (the code book), notes, anchoring and undo.
//! (Filled in by the annotations work; see issue "Highlights, notes and themes".)
