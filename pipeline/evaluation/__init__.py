"""Quality of translations measured on plain strings: sacrebleu metrics and term accuracy."""
