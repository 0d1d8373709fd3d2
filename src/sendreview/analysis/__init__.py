"""Pure analysis: functions from models to result models. Nothing here prints."""
