#!/usr/bin/env node
// A file that exists before the build, so package managers can link the command at install time.
import '../dist/cli/cardbind-sandbox.js';
