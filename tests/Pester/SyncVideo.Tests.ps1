# Sync-Video as a person runs it: a folder synced to an account, synced again (nothing sent), a file changed, a file
# removed with -Delete (only what the folder's sync made goes), and -WhatIf (nothing changes). Each run after the
# first starts with an empty upload journal, as a runbook in a fresh sandbox does: the platform holds the truth.

Describe 'Sync-Video on <Provider>' -ForEach @(
    @{ Provider = 'ApiVideo' }
    @{ Provider = 'Ziggeo' }
) {
    BeforeAll {
        . "$PSScriptRoot/Common.ps1"
        Reset-Sandbox
        Connect-SandboxPlatform $Provider
        $script:Admin = $SandboxPlatforms[$Provider].Admin
        $script:Folder = Join-Path $TestDrive 'clips'
        $null = New-Item -ItemType Directory -Path (Join-Path $Folder 'more')
        $null = New-TestVideoFile -Path (Join-Path $Folder 'one.mp4') -Size 20KB -Seed 301
        $null = New-TestVideoFile -Path (Join-Path $Folder 'two.mp4') -Size 21KB -Seed 302
        $null = New-TestVideoFile -Path (Join-Path $Folder 'more/three.mp4') -Size 22KB -Seed 303
        $null = New-TestVideoFile -Path (Join-Path $Folder 'notes.txt') -Size 1KB -Seed 304

        # A fresh, empty journal for each run.
        function Use-EmptyJournal { $global:VideoPlatformsJournalPath = Join-Path $TestDrive "journal-$([guid]::NewGuid().ToString('N'))" }
        # The ids of the account's videos, as the Sandbox records them (api.video's videoId, Ziggeo's token).
        function Get-SandboxVideoId { @(Get-SandboxVideoList $Provider | ForEach-Object { if ($_.videoId) { $_.videoId } else { $_.token } }) | Sort-Object }
        # The requests that changed something on the platform since the log was cleared (sign-in aside).
        function Get-ChangingRequest {
            @(Invoke-SandboxAdmin "requests?platform=$Admin" | ForEach-Object { $_ } | Where-Object { $_.method -ne 'GET' -and $_.path -notmatch 'auth' })
        }
    }

    AfterAll {
        Remove-Variable -Name VideoPlatformsJournalPath -Scope Global -ErrorAction SilentlyContinue
        Get-VideoProvider | Disconnect-VideoProvider
    }

    It 'the first sync uploads every matching file, each carrying the folder''s markers' {
        Use-EmptyJournal
        $results = @(Sync-Video -Path $Folder -Recurse -Filter *.mp4 -ThrottleLimit 2)

        $results.Count | Should -Be 3
        $results.Action | Sort-Object -Unique | Should -Be 'Upload'
        ($results.RelativePath | Sort-Object) -join ',' | Should -Be 'more/three.mp4,one.mp4,two.mp4'
        foreach ($result in $results) {
            $video = Get-Video -Id $result.VideoId
            $video.Metadata.vpSyncFolder | Should -Be ([System.IO.Path]::GetFullPath($Folder))
            $video.Metadata.vpSyncPath | Should -Be $result.RelativePath
            (Get-SandboxVideo $Provider $result.VideoId).sha256 | Should -Be (Get-Sha256 $result.Path)
        }
        @(Get-SandboxVideoList $Provider).Count | Should -Be 3
    }

    It 'the second sync, with an empty journal, skips every file and sends no upload request' {
        Use-EmptyJournal
        $null = Invoke-SandboxAdmin -Path requests -Method Delete
        $results = @(Sync-Video -Path $Folder -Recurse -Filter *.mp4 -InformationVariable info)

        $results.Count | Should -Be 3
        $results.Action | Sort-Object -Unique | Should -Be 'Skip'
        Get-ChangingRequest | Should -BeNullOrEmpty
        $summary = $info.MessageData | Where-Object { $_.PSObject.TypeNames -contains 'VideoPlatforms.Sync.SyncSummary' }
        $summary.Skipped | Should -Be 3
        $summary.Uploaded | Should -Be 0
        "$summary" | Should -Match '3 file\(s\); 0 uploaded, 3 skipped'
    }

    It '-WhatIf prints the plan and changes nothing' {
        Use-EmptyJournal
        $null = New-TestVideoFile -Path (Join-Path $Folder 'two.mp4') -Size 21KB -Seed 402
        Remove-Item -LiteralPath (Join-Path $Folder 'more/three.mp4')
        $null = Invoke-SandboxAdmin -Path requests -Method Delete
        $before = Get-SandboxVideoId
        $before.Count | Should -Be 3

        $out = @(Sync-Video -Path $Folder -Recurse -Filter *.mp4 -Delete -WhatIf -InformationVariable info 6>$null)

        $out | Should -BeNullOrEmpty
        # The summary counts what the run would do: two.mp4 uploaded anew, its old video and three.mp4's removed.
        $summary = $info.MessageData | Where-Object { $_.PSObject.TypeNames -contains 'VideoPlatforms.Sync.SyncSummary' }
        "$summary" | Should -Match '\(what if\)'
        ($summary.Uploaded, $summary.Updated, $summary.Skipped, $summary.Deleted) -join ',' | Should -Be '0,1,1,2'
        Get-ChangingRequest | Should -BeNullOrEmpty
        Get-SandboxVideoId | Should -Be $before
    }

    It 'a changed file becomes a new video, and -Delete removes the old one and the one whose file is gone, nothing else' {
        Use-EmptyJournal
        # Not the folder's: a Send-Video upload and another folder's sync. -Delete must leave both.
        $loose = New-TestVideoFile -Path (Join-Path $TestDrive 'loose.mp4') -Size 9KB -Seed 501
        $sent = Send-Video -Path $loose
        $other = Join-Path $TestDrive 'other'
        $null = New-Item -ItemType Directory -Path $other
        $null = New-TestVideoFile -Path (Join-Path $other 'three.mp4') -Size 8KB -Seed 502
        $otherVideo = Sync-Video -Path $other
        $old = @(Get-Video | Where-Object { $_.Metadata.vpSyncPath -in 'two.mp4', 'more/three.mp4' -and $_.Metadata.vpSyncFolder -eq [System.IO.Path]::GetFullPath($Folder) })
        $old.Count | Should -Be 2

        $results = @(Sync-Video -Path $Folder -Recurse -Filter *.mp4 -Delete)

        $byAction = $results | Group-Object Action -AsHashTable -AsString
        $byAction.Skip.RelativePath | Should -Be 'one.mp4'
        $byAction.Update.RelativePath | Should -Be 'two.mp4'
        (Get-SandboxVideo $Provider $byAction.Update.VideoId).sha256 | Should -Be (Get-Sha256 (Join-Path $Folder 'two.mp4'))
        ($byAction.Delete.VideoId | Sort-Object) | Should -Be ($old.Id | Sort-Object)
        $left = Get-SandboxVideoId
        $left | Should -Contain $sent.Id
        $left | Should -Contain $otherVideo.VideoId
        foreach ($id in $old.Id) { $left | Should -Not -Contain $id }
        $left.Count | Should -Be 4 -Because 'one.mp4, the new two.mp4, the Send-Video upload and the other folder''s video'
    }
}

Describe 'Sync-Video where a video has no field for the folder''s markers: <Provider>' -ForEach @(
    @{ Provider = 'Vimeo' }
    @{ Provider = 'BigGo' }
) {
    BeforeAll {
        . "$PSScriptRoot/Common.ps1"
        Reset-Sandbox
        Connect-SandboxPlatform $Provider
        $folder = Join-Path $TestDrive 'clips'
        $null = New-Item -ItemType Directory -Path $folder
        $null = New-TestVideoFile -Path (Join-Path $folder 'one.mp4') -Seed 601
    }

    AfterAll { Get-VideoProvider | Disconnect-VideoProvider }

    It 'is refused before any request, saying why and where it works' {
        $null = Invoke-SandboxAdmin -Path requests -Method Delete
        $failure = { Sync-Video -Path $folder } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterNotSupported,*'
        $failure.Exception.Message | Should -Match 'no field'
        $failure.Exception.Message | Should -Match 'api\.video, Ziggeo'
        @(Invoke-SandboxAdmin "requests?platform=$($SandboxPlatforms[$Provider].Admin)" | ForEach-Object { $_ }) | Should -BeNullOrEmpty
    }
}

# -Delete removes only the videos of files this run looked for: a narrower -Filter or a run without -Recurse leaves
# the videos an earlier, wider run made of files it does not list (they are still in the folder).
Describe 'Sync-Video -Delete scope' {
    BeforeAll {
        . "$PSScriptRoot/Common.ps1"
        Reset-Sandbox
        Connect-SandboxPlatform ApiVideo
        $global:VideoPlatformsJournalPath = Join-Path $TestDrive 'journal'
        $script:Folder = Join-Path $TestDrive 'clips'
        $null = New-Item -ItemType Directory -Path (Join-Path $Folder 'sub')
        $null = New-TestVideoFile -Path (Join-Path $Folder 'a.mp4') -Size 20KB -Seed 1
        $null = New-TestVideoFile -Path (Join-Path $Folder 'b.mov') -Size 20KB -Seed 2
        $null = New-TestVideoFile -Path (Join-Path $Folder 'sub/c.mp4') -Size 20KB -Seed 3
    }
    AfterAll {
        Remove-Variable -Name VideoPlatformsJournalPath -Scope Global -ErrorAction SilentlyContinue
        Get-VideoProvider | Disconnect-VideoProvider
    }

    It 'a narrower -Filter without -Recurse does not delete the videos of files still in the folder' {
        $null = Sync-Video -Path $Folder -Recurse
        @(Get-SandboxVideoList ApiVideo).Count | Should -Be 3
        $results = @(Sync-Video -Path $Folder -Filter *.mp4 -Delete -InformationVariable info)
        @($results | Where-Object Action -eq 'Delete').RelativePath | Should -BeNullOrEmpty
        @(Get-SandboxVideoList ApiVideo).Count | Should -Be 3
        ($info.MessageData | Where-Object { $_.PSObject.TypeNames -contains 'VideoPlatforms.Sync.SyncSummary' }).Orphaned | Should -Be 0
    }

    It 'a -Filter that matches nothing does not silently delete every video of the folder' {
        $null = Sync-Video -Path $Folder -Recurse
        $before = @(Get-SandboxVideoList ApiVideo).Count
        try { $null = Sync-Video -Path $Folder -Recurse -Filter *.mp5 -Delete -ErrorAction SilentlyContinue } catch { }
        @(Get-SandboxVideoList ApiVideo).Count | Should -Be $before
    }

    It 'an empty match with -Delete is refused, saying nothing was deleted and what -Force does; with -Force it deletes' {
        $empty = Join-Path $TestDrive 'emptied'
        $null = New-Item -ItemType Directory -Path $empty
        $file = New-TestVideoFile -Path (Join-Path $empty 'x.mp4') -Size 20KB -Seed 7
        $made = Sync-Video -Path $empty
        Remove-Item -LiteralPath $file
        $null = Invoke-SandboxAdmin -Path requests -Method Delete

        $failure = { Sync-Video -Path $empty -Delete } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'SyncFolderEmpty,*'
        $failure.Exception.Message | Should -Match '-Path .*emptied.* with -Filter .\*. matches no file'
        $failure.Exception.Message | Should -Match 'Nothing was deleted'
        $failure.Exception.Message | Should -Match '-Force'
        @(Invoke-SandboxAdmin "requests?platform=$($SandboxPlatforms.ApiVideo.Admin)" | ForEach-Object { $_ } | Where-Object { $_.method -ne 'GET' -and $_.path -notmatch 'auth' }) | Should -BeNullOrEmpty

        $results = @(Sync-Video -Path $empty -Delete -Force)
        $results.Action | Should -Be 'Delete'
        $results.VideoId | Should -Be $made.VideoId
        @(Get-SandboxVideoList ApiVideo).Count | Should -Be 3
    }

    It 'a -Filter with a folder in it is refused, naming it' {
        $failure = { Sync-Video -Path $Folder -Filter sub/*.mp4 -Delete } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'FilterHasPath,*'
        $failure.Exception.Message | Should -Match '-Filter .sub/\*\.mp4.'
        @(Get-SandboxVideoList ApiVideo).Count | Should -Be 3
    }
}

Describe 'Sync-Video first sync of a folder holding two copies of one file' {
    BeforeAll {
        . "$PSScriptRoot/Common.ps1"
        Reset-Sandbox
        Connect-SandboxPlatform ApiVideo
        $global:VideoPlatformsJournalPath = Join-Path $TestDrive 'journal'
        $script:Folder = Join-Path $TestDrive 'copies'
        $null = New-Item -ItemType Directory -Path $Folder
        $a = New-TestVideoFile -Path (Join-Path $Folder 'a.mp4') -Size 20KB -Seed 11
        Copy-Item -LiteralPath $a -Destination (Join-Path $Folder 'b.mp4')
    }
    AfterAll {
        Remove-Variable -Name VideoPlatformsJournalPath -Scope Global -ErrorAction SilentlyContinue
        Get-VideoProvider | Disconnect-VideoProvider
    }

    It 'uploads the first and reports the second as a Skip to it, naming the file of this folder it came from' {
        $results = @(Sync-Video -Path $Folder)
        $byPath = $results | Group-Object RelativePath -AsHashTable -AsString
        $byPath['a.mp4'].Action | Should -Be 'Upload'
        $byPath['b.mp4'].Action | Should -Be 'Skip'
        $byPath['b.mp4'].VideoId | Should -Be $byPath['a.mp4'].VideoId
        $byPath['b.mp4'].Reason | Should -Match "synced from 'a\.mp4' of this folder"
        $byPath['b.mp4'].Reason | Should -Not -Match 'did not make'
        @(Get-SandboxVideoList ApiVideo).Count | Should -Be 1
    }
}

# The upload journal knows a file by path, size and last-write time: content rewritten with both kept (rsync -t)
# must still be uploaded as a new video, and -Delete must not remove the only video of the file's content.
Describe 'Sync-Video on <Provider> with a file changed in place, size and time kept' -ForEach @(
    @{ Provider = 'ApiVideo' }
    @{ Provider = 'Ziggeo' }
) {
    BeforeAll {
        . "$PSScriptRoot/Common.ps1"
        Reset-Sandbox
        Connect-SandboxPlatform $Provider
        $global:VideoPlatformsJournalPath = Join-Path $TestDrive 'journal'
        $script:Folder = Join-Path $TestDrive 'kept-time'
        $null = New-Item -ItemType Directory -Path $Folder
        $script:File = New-TestVideoFile -Path (Join-Path $Folder 'x.mp4') -Size 20KB -Seed 21
    }
    AfterAll {
        Remove-Variable -Name VideoPlatformsJournalPath -Scope Global -ErrorAction SilentlyContinue
        Get-VideoProvider | Disconnect-VideoProvider
    }

    It 'uploads the new content as a new video and -Delete removes only the old one' {
        $first = Sync-Video -Path $Folder
        $time = (Get-Item -LiteralPath $File).LastWriteTimeUtc
        $null = New-TestVideoFile -Path $File -Size 20KB -Seed 22
        (Get-Item -LiteralPath $File).LastWriteTimeUtc = $time

        $results = @(Sync-Video -Path $Folder -Delete)

        $update = $results | Where-Object Action -eq 'Update'
        $update.VideoId | Should -Not -BeNullOrEmpty
        $update.VideoId | Should -Not -Be $first.VideoId
        (Get-SandboxVideo $Provider $update.VideoId).sha256 | Should -Be (Get-Sha256 $File)
        ($results | Where-Object Action -eq 'Delete').VideoId | Should -Be $first.VideoId
        $left = @(Get-SandboxVideoList $Provider)
        $left.Count | Should -Be 1
    }
}
