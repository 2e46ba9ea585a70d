"""Companies, their teams and their followers."""
