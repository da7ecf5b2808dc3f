"""The information site (一網, contract section 11): static pages under <output>/site/ built from the history
store, and the collection board that `pbbatch check` rewrites."""
