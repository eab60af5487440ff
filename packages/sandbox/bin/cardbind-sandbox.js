#!/usr/bin/env node
// A file that exists before the build, so package managers can link the command at install time.
import '../dist/bin/cardbind-sandbox.js';
