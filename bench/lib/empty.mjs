// An empty script: `node -e 0` run through the same wrapper as every measured command.
