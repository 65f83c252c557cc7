package extractive

// lexiconOption is the answerer configuration the engine uses.
func lexiconOption() []Option { return nil }
