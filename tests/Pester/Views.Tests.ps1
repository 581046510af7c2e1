# What a person sees in a console 80 or 120 columns wide: every default table view of the module, rendered with
# objects the Sandbox returns, keeps all its columns, wraps no header and fits the width; Get-Video's Title keeps at
# least 20 characters; Remove-Video's confirmation names the video by its title.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    . "$PSScriptRoot/ChildPwsh.ps1"

    # Journal and copy records go to a folder of this run, never to the user's.
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) "vp-views-$([guid]::NewGuid().ToString('N'))"
    $null = New-Item -ItemType Directory -Path $Work
    $script:SavedEnvironment = @{ VIDEOPLATFORMS_JOURNAL = $env:VIDEOPLATFORMS_JOURNAL; VIDEOPLATFORMS_STATE_DIR = $env:VIDEOPLATFORMS_STATE_DIR }
    $env:VIDEOPLATFORMS_JOURNAL = Join-Path $Work 'journal'
    $env:VIDEOPLATFORMS_STATE_DIR = Join-Path $Work 'state'

    Reset-Sandbox
    $script:LongTitle = 'A quarterly review of the product launch (final cut)'
    $connections = foreach ($provider in $SandboxPlatforms.Keys) { Connect-SandboxPlatform -Provider $provider -PassThru }
    $file = New-TestVideoFile -Path (Join-Path $Work 'a clip with a rather long file name.mp4')
    $videos = foreach ($connection in $connections) { Send-Video -Path $file -Title $LongTitle -Connection $connection }
    $apiVideo = $connections | Where-Object Provider -EQ ApiVideo
    $captionFile = Join-Path $Work 'a clip with a rather long file name.en.vtt'
    Set-Content -LiteralPath $captionFile -Value "WEBVTT`n`n00:00:00.000 --> 00:00:02.000`nHello.`n"
    $null = $videos | Where-Object Provider -EQ ApiVideo | Add-VideoCaption -Path $captionFile -Language en -Default
    $null = $videos | Where-Object Provider -EQ Vimeo | Add-VideoCaption -Path $captionFile -Language pt-BR -Kind Subtitles -Label 'Português (Brasil)'

    $syncFolder = New-Item -ItemType Directory -Path (Join-Path $Work 'a folder to sync')
    $null = New-TestVideoFile -Path (Join-Path $syncFolder 'a clip with a rather long file name.mp4') -Seed 7

    # One sample per type the module formats; a type with a table view and no sample fails the test below.
    $script:Samples = @{
        'VideoPlatforms.Video'                    = @(Get-Video -Connection $apiVideo) + $videos
        'VideoPlatforms.VideoProviderConnection'  = @(Get-VideoProvider)
        'VideoPlatforms.ProviderDescriptor'       = @(Get-VideoProvider -ListAvailable)
        'VideoPlatforms.UploadToken'              = @(New-UploadToken -Connection $apiVideo)
        'VideoPlatforms.ProviderAuthorization'    = @(Get-VideoProviderAuthorizationUrl -Provider Vimeo -ClientId sandbox-vimeo-client -RedirectUri https://example.com/callback -BaseUri $SandboxPlatforms.Vimeo.BaseUri)
        'VideoPlatforms.VideoDownloadResult'      = @($videos[0] | Save-Video -Path $Work)
        'VideoPlatforms.VideoCopyResult'          = @($videos[0] | Copy-Video -Destination ($connections | Where-Object Provider -EQ Vimeo))
        'VideoPlatforms.Upload.UploadJournalEntry' = @(Get-VideoUploadJournal)
        'VideoPlatforms.VideoCaption'             = @($videos | Where-Object Provider -In ApiVideo, Vimeo | Get-VideoCaption)
        # Ziggeo's video ids are the longest (32 characters).
        'VideoPlatforms.Sync.SyncResult'          = @(Sync-Video -Path $syncFolder -Connection ($connections | Where-Object Provider -EQ Ziggeo))
    }

    # The module's table views, as PowerShell loaded them from the format file.
    $script:TableViews = foreach ($data in Get-FormatData -TypeName 'VideoPlatforms.*') {
        foreach ($view in $data.FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] }) {
            [pscustomobject]@{ TypeName = $data.TypeNames[0]; Labels = @($view.Control.Headers.Label) }
        }
    }

    # Renders objects as Out-Default would in a console of that width, and finds the table's header.
    function Get-RenderedTable([object[]] $InputObject, [int] $Width) {
        $lines = ($InputObject | Out-String -Width $Width) -split '\r?\n'
        $dashes = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '^-+( +-+)*\s*$' })
        [pscustomobject]@{
            Lines         = $lines
            HeaderIndex   = $dashes - 1
            Header        = if ($dashes -ge 1) { $lines[$dashes - 1] } else { $null }
            AboveHeader   = if ($dashes -ge 2) { $lines[$dashes - 2] } else { '' }
            Rows          = @($lines[($dashes + 1)..($lines.Count - 1)] | Where-Object { $_.Trim() })
        }
    }
}

AfterAll {
    foreach ($name in $SavedEnvironment.Keys) { Set-Item -Path "env:$name" -Value $SavedEnvironment[$name] -ErrorAction SilentlyContinue }
    if (-not $SavedEnvironment.VIDEOPLATFORMS_JOURNAL) { Remove-Item env:VIDEOPLATFORMS_JOURNAL -ErrorAction SilentlyContinue }
    if (-not $SavedEnvironment.VIDEOPLATFORMS_STATE_DIR) { Remove-Item env:VIDEOPLATFORMS_STATE_DIR -ErrorAction SilentlyContinue }
    Get-VideoProvider | Disconnect-VideoProvider
    Remove-Item -LiteralPath $Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Default table views' {
    It 'has a Sandbox sample for every table view of the module' {
        $TableViews.Count | Should -BeGreaterThan 0
        foreach ($view in $TableViews) {
            $Samples.ContainsKey($view.TypeName) | Should -BeTrue -Because "$($view.TypeName) has a table view to check"
            $Samples[$view.TypeName].Count | Should -BeGreaterThan 0 -Because "the Sandbox returned a $($view.TypeName)"
        }
    }

    It '<TypeName> at <Width> columns keeps every column, wraps no header and fits' -ForEach @(
        foreach ($width in 80, 120) {
            foreach ($type in 'VideoPlatforms.Video', 'VideoPlatforms.VideoProviderConnection', 'VideoPlatforms.ProviderDescriptor',
                'VideoPlatforms.UploadToken', 'VideoPlatforms.ProviderAuthorization', 'VideoPlatforms.VideoDownloadResult',
                'VideoPlatforms.VideoCopyResult', 'VideoPlatforms.Upload.UploadJournalEntry', 'VideoPlatforms.VideoCaption',
                'VideoPlatforms.Sync.SyncResult') { @{ TypeName = $type; Width = $width } }
        }
    ) {
        $view = $TableViews | Where-Object TypeName -EQ $TypeName
        $view | Should -Not -BeNullOrEmpty
        $table = Get-RenderedTable -InputObject $Samples[$TypeName] -Width $Width
        $table.Header | Should -Not -BeNullOrEmpty -Because "a table was rendered:`n$($table.Lines -join "`n")"
        # A wrapped header takes two or more lines above the dashes; a whole one has a blank line above it.
        $table.AboveHeader.Trim() | Should -BeNullOrEmpty -Because "the header is one line:`n$($table.Lines -join "`n")"
        $pattern = '^' + (($view.Labels | ForEach-Object { [regex]::Escape($_) }) -join ' +') + '\s*$'
        $table.Header | Should -Match $pattern -Because "every column is shown, in order, under its whole label"
        foreach ($line in $table.Lines) { $line.TrimEnd().Length | Should -BeLessOrEqual $Width }
        $table.Rows.Count | Should -Be $Samples[$TypeName].Count
    }

    It 'Get-Video keeps at least 20 characters of the Title at <_> columns' -ForEach 80, 120 {
        $table = Get-RenderedTable -InputObject $Samples['VideoPlatforms.Video'] -Width $_
        $titleWidth = $table.Header.IndexOf('Status') - $table.Header.IndexOf('Title') - 1
        $titleWidth | Should -BeGreaterOrEqual 20
        foreach ($row in $table.Rows) { $row | Should -Match ([regex]::Escape($LongTitle.Substring(0, 19))) }
    }

    It 'shows an upload token whole at 80 columns: handing it over is its purpose' {
        $token = $Samples['VideoPlatforms.UploadToken'][0]
        (Get-RenderedTable -InputObject $token -Width 80).Rows[0] | Should -Match ([regex]::Escape($token.Token))
    }
}

Describe 'Remove-Video confirmation' {
    BeforeAll {
        # -WhatIf and the confirmation prompt write to the host, so a child pwsh shows them as a console would.
        function Invoke-RemoveVideo([string] $Script) {
            $setup = ". '$PSScriptRoot/Common.ps1'; `$ErrorActionPreference = 'Stop'; Connect-SandboxPlatform -Provider ApiVideo | Out-Null`n"
            (Invoke-ChildPwsh -Script ($setup + $Script) -Environment @{ VIDEOPLATFORMS_SANDBOX = $SandboxRoot; VIDEOPLATFORMS_MODULE = $ModuleManifest }) -join "`n"
        }
        $script:Video = Send-Video -Path (New-TestVideoFile -Path (Join-Path $Work 'kept.mp4') -Seed 7) -Title 'Keynote rehearsal' -Connection (Get-VideoProvider -Name ApiVideo)
    }

    It 'names a piped video by its title and id' {
        $screen = Invoke-RemoveVideo "Get-Video -Id $($Video.Id) | Remove-Video -WhatIf"
        $screen | Should -Match ([regex]::Escape("ApiVideo video 'Keynote rehearsal' ($($Video.Id), ApiVideo)"))
    }

    It 'names a video given by -Id by its title when the session has seen it' {
        $screen = Invoke-RemoveVideo "Get-Video | Out-Null; Remove-Video -Id $($Video.Id) -WhatIf"
        $screen | Should -Match ([regex]::Escape("'Keynote rehearsal' ($($Video.Id)"))
    }

    It 'names a video given by -Id alone by its id, without reading it' {
        $screen = Invoke-RemoveVideo "Remove-Video -Id $($Video.Id) -WhatIf"
        $screen | Should -Match ([regex]::Escape("ApiVideo video $($Video.Id) (ApiVideo)"))
    }

    It 'deletes nothing under -WhatIf' {
        Get-Video -Id $Video.Id -Connection (Get-VideoProvider -Name ApiVideo) | Should -Not -BeNullOrEmpty
    }
}
