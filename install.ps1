# clinote installer for Windows (Windows 用インストーラー).
#
#   irm https://github.com/OWNER/clinote/releases/latest/download/install.ps1 | iex
#
# Options (environment variables, set before running it):
#   $env:CLINOTE_VERSION = "0.1.0"   a given version (default: the latest)
#   $env:CLINOTE_INSTALL_DIR = "C:\…" where to put clinote.exe
#                                     (default: %LOCALAPPDATA%\Programs\clinote\bin)
#   $env:CLINOTE_INSTALL_URL = "…"    an archive to install instead of the release's, as a URL
#                                     or a local file path; its SHA-256 is read from URL.sha256
#
# It downloads clinote-VERSION-x86_64-pc-windows-msvc.zip and its .sha256 from the GitHub
# release, refuses the archive when the checksum differs, and copies clinote.exe into the
# folder. Not run before it was committed: no Windows was at hand (see the README).

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'   # Invoke-WebRequest is much faster without it

# OWNER/clinote: a placeholder until the repository's real GitHub path is known.
$Repo = if ($env:CLINOTE_REPO) { $env:CLINOTE_REPO } else { 'OWNER/clinote' }
$Target = 'x86_64-pc-windows-msvc'
$Version = "$env:CLINOTE_VERSION".TrimStart('v')
$Dir = if ($env:CLINOTE_INSTALL_DIR) { $env:CLINOTE_INSTALL_DIR } else {
    Join-Path $env:LOCALAPPDATA 'Programs\clinote\bin'
}
$Url = $env:CLINOTE_INSTALL_URL

function Fail($ja, $en) {
    Write-Host "clinote install: $ja" -ForegroundColor Red
    Write-Host "                  $en" -ForegroundColor Red
    throw "clinote install failed: $en"
}

# A URL is downloaded; a local path (used for testing) is copied.
function Fetch($Source, $Dest) {
    if ($Source -match '^[a-z]+://') {
        Invoke-WebRequest -UseBasicParsing -Uri $Source -OutFile $Dest
    } else {
        Copy-Item -LiteralPath $Source -Destination $Dest
    }
}

if ([Environment]::Is64BitOperatingSystem -eq $false) {
    Fail '64 ビット版の Windows が必要です' 'a 64-bit Windows is needed'
}
# Windows on Arm runs the x86_64 build through its emulation.

if (-not $Url) {
    if (-not $Version) {
        # The latest release, from GitHub's API.
        try {
            $rel = Invoke-RestMethod -UseBasicParsing -Uri "https://api.github.com/repos/$Repo/releases/latest"
            $Version = $rel.tag_name.TrimStart('v')
        } catch {
            Fail '最新版を調べられませんでした（ネットワークを確認するか CLINOTE_VERSION を指定してください）' `
                 'could not find the latest version (check the network, or set CLINOTE_VERSION)'
        }
    }
    $Url = "https://github.com/$Repo/releases/download/v$Version/clinote-$Version-$Target.zip"
}
$ShaUrl = if ($env:CLINOTE_INSTALL_SHA256_URL) { $env:CLINOTE_INSTALL_SHA256_URL } else { "$Url.sha256" }

$Tmp = Join-Path ([IO.Path]::GetTempPath()) ("clinote-install-" + [Guid]::NewGuid())
New-Item -ItemType Directory -Path $Tmp | Out-Null
try {
    $Zip = Join-Path $Tmp 'clinote.zip'
    Write-Host "ダウンロード中 / downloading: $Url"
    Fetch $Url $Zip
    Fetch $ShaUrl (Join-Path $Tmp 'sum')

    $Expected = ((Get-Content (Join-Path $Tmp 'sum') -Raw).Trim() -split '\s+')[0].ToLower()
    $Actual = (Get-FileHash -Algorithm SHA256 -LiteralPath $Zip).Hash.ToLower()
    if ($Expected -ne $Actual) {
        Fail 'SHA-256 が一致しません。ダウンロードが壊れています。何もインストールしていません。' `
             "SHA-256 mismatch: the download is damaged; nothing was installed (expected $Expected, got $Actual)"
    }

    Expand-Archive -LiteralPath $Zip -DestinationPath (Join-Path $Tmp 'x')
    $Exe = Get-ChildItem -Path (Join-Path $Tmp 'x') -Recurse -Filter 'clinote.exe' | Select-Object -First 1
    if (-not $Exe) { Fail 'アーカイブに clinote.exe がありません' 'no clinote.exe in the archive' }

    New-Item -ItemType Directory -Force -Path $Dir | Out-Null
    Copy-Item -LiteralPath $Exe.FullName -Destination (Join-Path $Dir 'clinote.exe') -Force
} finally {
    Remove-Item -Recurse -Force -LiteralPath $Tmp -ErrorAction SilentlyContinue
}

$Installed = & (Join-Path $Dir 'clinote.exe') --version
Write-Host "インストールしました / installed: $Installed -> $Dir\clinote.exe"

$UserPath = "$([Environment]::GetEnvironmentVariable('Path', 'User'))"   # "" when unset
if (-not (($UserPath -split ';') -contains $Dir)) {
    # Added to the user's PATH (not the system's: no administrator rights needed).
    [Environment]::SetEnvironmentVariable('Path', (($UserPath.TrimEnd(';'), $Dir) -join ';').TrimStart(';'), 'User')
    Write-Host ''
    Write-Host "$Dir をユーザーの PATH に加えました。新しいターミナルを開くと clinote が使えます。"
    Write-Host "Added $Dir to your user PATH. Open a new terminal to use clinote."
} else {
    Write-Host '「clinote --help」で使い方が表示されます / run "clinote --help" to start.'
}
