"""Phase 3, support and core group: the core group, a first charter and the stakeholder brief."""
