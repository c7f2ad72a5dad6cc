# Sourced by setup.sh and setup-current.sh: downloads docker.io, docker-cli and docker-buildx
# from one Debian suite into a folder, with a private apt state, so the machine's own sources
# and package lists are not touched.
download_docker_debs() { # <suite> <destination folder>
  local suite=$1 dest=$2 work
  work=$(mktemp -d)
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$dest"
  echo "deb http://deb.debian.org/debian $suite main" >"$work/sources.list"
  local private=(-o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
                 -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache")
  apt-get "${private[@]}" update -qq
  (cd "$dest" && apt-get "${private[@]}" download docker.io docker-cli docker-buildx >/dev/null)
  rm -rf "$work"
}
