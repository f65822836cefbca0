"""Demo stores: a realistic shop with weeks of history (`counter demo`)."""
