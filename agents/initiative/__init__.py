"""Phase 1, Initiative: needs map, champions and target groups from the interviews."""
