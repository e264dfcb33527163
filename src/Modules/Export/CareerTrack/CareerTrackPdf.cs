using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Export.CareerTrack;

/// <summary>
/// The page's "Full Matrix Career Track PDF" on A4 landscape: page 1 holds the title, family, summary and a table of the
/// levels (focus, technology stack); the matrix follows on its own pages, one row per skill under its domain's heading and
/// one column per level, its header row and legend repeated on every page. Cells are letters, V for Advanced: the page
/// prints A for both Awareness and Advanced, which a reader of paper cannot tell apart.
/// </summary>
internal static class CareerTrackPdf
{
    public const string ContentType = "application/pdf";

    private const double Margin = 36;
    private const double FooterHeight = 18;
    private const double Padding = 3.5;

    private static readonly XColor Ink = XColor.FromArgb(0x22, 0x22, 0x22);
    private static readonly XColor Muted = XColor.FromArgb(0x6B, 0x72, 0x80);
    private static readonly XColor Rule = XColor.FromArgb(0xC9, 0xD2, 0xDC);
    private static readonly XColor HeaderFill = XColor.FromArgb(0x2F, 0x4A, 0x6D);
    private static readonly XColor DomainFill = XColor.FromArgb(0xE6, 0xEC, 0xF3);

    public static void Write(Stream output, RolePage role, IReadOnlyList<PageCell> cells)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"{role.Name}: Full Matrix Career Track";
        document.Info.Subject = $"{role.Family}; version {role.Version}";

        var fonts = new Fonts();
        using (var pages = new Pages(document))
        {
            pages.NewPage();
            TitlePage(pages, fonts, role, cells);
            Matrix(pages, fonts, role, cells);
        }

        Footers(document, fonts, role);
        document.Save(output, closeStream: false);
    }

    private static void TitlePage(Pages pages, Fonts fonts, RolePage role, IReadOnlyList<PageCell> cells)
    {
        pages.Text(role.Name, fonts.Title, Ink, after: 4);
        pages.Text($"Role family: {role.Family}", fonts.Subtitle, Muted, after: 10);
        if (!string.IsNullOrWhiteSpace(role.Summary))
        {
            pages.Paragraph(role.Summary, fonts.Summary, Ink, pages.Width, after: 8);
        }

        var skills = cells.Select(c => c.SkillId).Distinct().Count();
        pages.Text(
            $"{skills} skills · {role.Levels.Count} levels · {cells.Count} requirements · {cells.Count(c => c.Mandatory)} mandatory · version {role.Version}",
            fonts.Body, Muted, after: 16);

        pages.Text("Levels: focus and technology stack", fonts.Heading, Ink, after: 6);
        var widths = new[] { 100.0, 0.5 * (pages.Width - 100), 0.5 * (pages.Width - 100) };
        void Header() => pages.HeaderRow(widths, ["Level", "Focus", "Technology stack"], fonts.BodyBold, XStringAlignment.Near);
        pages.OnNewPage = Header;
        Header();
        foreach (var level in role.Levels)
        {
            var columns = new[]
            {
                pages.Wrap(level.Name, fonts.BodyBold, widths[0] - 2 * Padding),
                pages.Wrap(level.Focus ?? "", fonts.Body, widths[1] - 2 * Padding),
                pages.Wrap(string.Join(", ", level.TechStack), fonts.Body, widths[2] - 2 * Padding),
            };
            var height = columns.Max(c => c.Count) * fonts.Body.GetHeight() + 2 * Padding;
            pages.Ensure(height);
            var x = Margin;
            for (var i = 0; i < columns.Length; i++)
            {
                pages.Lines(columns[i], i == 0 ? fonts.BodyBold : fonts.Body, Ink, x + Padding, pages.Y + Padding);
                x += widths[i];
            }

            pages.Y += height;
            pages.HorizontalRule();
        }

        pages.OnNewPage = null;
    }

    private static void Matrix(Pages pages, Fonts fonts, RolePage role, IReadOnlyList<PageCell> cells)
    {
        var skillWidth = 280.0;
        var levelWidth = (pages.Width - skillWidth) / Math.Max(1, role.Levels.Count);
        var widths = new[] { skillWidth }.Concat(role.Levels.Select(_ => levelWidth)).ToArray();
        var columnOfRank = role.Levels.Select((level, index) => (level.Rank, index)).ToDictionary(p => p.Rank, p => p.index);
        var rowHeight = fonts.Body.GetHeight() + 2 * Padding;

        void Header()
        {
            pages.Text($"Skill matrix: {role.Name}", fonts.Heading, Ink, after: 4);
            pages.Text("A Awareness · W Working · V Advanced · E Expert · * mandatory (also in bold) · – not required at this level",
                fonts.Small, Muted, after: 6);
            pages.HeaderRow(widths, ["Skill", .. role.Levels.Select(l => l.Name)], fonts.BodyBold, XStringAlignment.Center);
        }

        pages.OnNewPage = Header;
        pages.NewPage();

        foreach (var domain in cells.GroupBy(c => c.DomainId))
        {
            var name = domain.First().Domain;
            var skills = domain.GroupBy(c => c.SkillId).ToList();
            // A domain heading never ends a page: it moves on with its first skill.
            pages.Ensure(2 * rowHeight);
            DomainRow(pages, fonts, name, $"{skills.Count} {(skills.Count == 1 ? "skill" : "skills")}", rowHeight);
            foreach (var skill in skills)
            {
                var lines = pages.Wrap(skill.First().Skill, fonts.Body, skillWidth - 2 * Padding);
                var height = lines.Count * fonts.Body.GetHeight() + 2 * Padding;
                if (pages.Y + height > pages.Bottom)
                {
                    pages.NewPage();
                    DomainRow(pages, fonts, name, "continued", rowHeight);
                }

                pages.Lines(lines, fonts.Body, Ink, Margin + Padding, pages.Y + Padding);
                var filled = new bool[role.Levels.Count];
                foreach (var cell in skill)
                {
                    if (columnOfRank.TryGetValue(cell.LevelRank, out var column))
                    {
                        Cell(pages, fonts, cell, Margin + skillWidth + column * levelWidth, levelWidth, height);
                        filled[column] = true;
                    }
                }

                for (var column = 0; column < filled.Length; column++)
                {
                    if (!filled[column])
                    {
                        var area = new XRect(Margin + skillWidth + column * levelWidth, pages.Y, levelWidth, height);
                        pages.G.DrawString("–", fonts.Body, new XSolidBrush(Muted), area, XStringFormats.Center);
                    }
                }

                pages.Y += height;
                pages.HorizontalRule();
            }
        }

        pages.OnNewPage = null;
    }

    private static void DomainRow(Pages pages, Fonts fonts, string domain, string note, double height)
    {
        pages.G.DrawRectangle(new XSolidBrush(DomainFill), new XRect(Margin, pages.Y, pages.Width, height));
        pages.G.DrawString(domain, fonts.BodyBold, new XSolidBrush(Ink), Margin + Padding, pages.Y + Padding, XStringFormats.TopLeft);
        var width = pages.G.MeasureString(domain, fonts.BodyBold).Width;
        pages.G.DrawString(note, fonts.Small, new XSolidBrush(Muted), Margin + 2 * Padding + width + 4, pages.Y + Padding + 1, XStringFormats.TopLeft);
        pages.Y += height;
        pages.HorizontalRule();
    }

    private static void Cell(Pages pages, Fonts fonts, PageCell cell, double x, double width, double height)
    {
        var area = new XRect(x + 1, pages.Y + 1, width - 2, height - 2);
        pages.G.DrawRectangle(new XSolidBrush(Fill(cell.Proficiency)), area);
        var text = Letter(cell.Proficiency) + (cell.Mandatory ? "*" : "");
        pages.G.DrawString(text, cell.Mandatory ? fonts.BodyBold : fonts.Body, new XSolidBrush(Ink), area, XStringFormats.Center);
    }

    private static string Letter(Proficiency proficiency) => proficiency switch
    {
        Proficiency.Awareness => "A",
        Proficiency.Working => "W",
        Proficiency.Advanced => "V",
        Proficiency.Expert => "E",
        _ => "?",
    };

    // Deeper blue for a higher proficiency, light enough for black letters; the letter carries the meaning in grey print.
    private static XColor Fill(Proficiency proficiency) => proficiency switch
    {
        Proficiency.Awareness => XColor.FromArgb(0xF2, 0xF5, 0xF9),
        Proficiency.Working => XColor.FromArgb(0xDC, 0xE8, 0xF5),
        Proficiency.Advanced => XColor.FromArgb(0xBC, 0xD3, 0xEE),
        Proficiency.Expert => XColor.FromArgb(0x96, 0xB9, 0xE3),
        _ => XColors.White,
    };

    // Page numbers need the page count, so footers are drawn once every page exists.
    private static void Footers(PdfDocument document, Fonts fonts, RolePage role)
    {
        for (var i = 0; i < document.PageCount; i++)
        {
            var page = document.Pages[i];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var y = page.Height.Point - Margin + 4;
            var brush = new XSolidBrush(Muted);
            g.DrawLine(new XPen(Rule, 0.5), Margin, y - 4, page.Width.Point - Margin, y - 4);
            g.DrawString($"{role.Name} · Full Matrix Career Track · version {role.Version}", fonts.Small, brush, Margin, y, XStringFormats.TopLeft);
            g.DrawString(string.Create(CultureInfo.InvariantCulture, $"Page {i + 1} of {document.PageCount}"), fonts.Small, brush,
                page.Width.Point - Margin, y, XStringFormats.TopRight);
        }
    }

    private sealed class Fonts
    {
        public XFont Title { get; } = new(SystemFontResolver.Family, 22, XFontStyleEx.Bold);
        public XFont Subtitle { get; } = new(SystemFontResolver.Family, 12, XFontStyleEx.Regular);
        public XFont Summary { get; } = new(SystemFontResolver.Family, 11, XFontStyleEx.Regular);
        public XFont Heading { get; } = new(SystemFontResolver.Family, 13, XFontStyleEx.Bold);
        public XFont Body { get; } = new(SystemFontResolver.Family, 9, XFontStyleEx.Regular);
        public XFont BodyBold { get; } = new(SystemFontResolver.Family, 9, XFontStyleEx.Bold);
        public XFont Small { get; } = new(SystemFontResolver.Family, 7.5, XFontStyleEx.Regular);
    }

    /// <summary>A flow of A4 landscape pages with a cursor; a page break calls <see cref="OnNewPage"/> to repeat headers.</summary>
    private sealed class Pages(PdfDocument document) : IDisposable
    {
        private XGraphics? graphics;

        public Action? OnNewPage { get; set; }

        public XGraphics G => graphics ?? throw new InvalidOperationException("No page yet.");

        public double Y { get; set; }

        public double Width { get; private set; }

        public double Bottom { get; private set; }

        public void NewPage()
        {
            graphics?.Dispose();
            var page = document.AddPage();
            page.Size = PageSize.A4;
            page.Orientation = PageOrientation.Landscape;
            graphics = XGraphics.FromPdfPage(page);
            Width = page.Width.Point - 2 * Margin;
            Bottom = page.Height.Point - Margin - FooterHeight;
            Y = Margin;
            OnNewPage?.Invoke();
        }

        public void Ensure(double height)
        {
            if (Y + height > Bottom)
            {
                NewPage();
            }
        }

        public void Text(string text, XFont font, XColor color, double after)
        {
            Ensure(font.GetHeight());
            G.DrawString(text, font, new XSolidBrush(color), Margin, Y, XStringFormats.TopLeft);
            Y += font.GetHeight() + after;
        }

        public void Paragraph(string text, XFont font, XColor color, double width, double after)
        {
            var lines = Wrap(text, font, width);
            Ensure(lines.Count * font.GetHeight());
            Lines(lines, font, color, Margin, Y);
            Y += lines.Count * font.GetHeight() + after;
        }

        public void Lines(IEnumerable<string> lines, XFont font, XColor color, double x, double y)
        {
            var brush = new XSolidBrush(color);
            foreach (var line in lines)
            {
                G.DrawString(line, font, brush, x, y, XStringFormats.TopLeft);
                y += font.GetHeight();
            }
        }

        public void HeaderRow(double[] widths, string[] labels, XFont font, XStringAlignment alignment)
        {
            var height = font.GetHeight() + 2 * Padding;
            G.DrawRectangle(new XSolidBrush(HeaderFill), new XRect(Margin, Y, Width, height));
            var x = Margin;
            var format = new XStringFormat { Alignment = alignment, LineAlignment = XLineAlignment.Center };
            for (var i = 0; i < labels.Length; i++)
            {
                // The first column is always left-aligned; the others as asked.
                var cellFormat = i == 0 ? new XStringFormat { Alignment = XStringAlignment.Near, LineAlignment = XLineAlignment.Center } : format;
                G.DrawString(labels[i], font, XBrushes.White, new XRect(x + Padding, Y, widths[i] - 2 * Padding, height), cellFormat);
                x += widths[i];
            }

            Y += height;
        }

        public void HorizontalRule() => G.DrawLine(new XPen(Rule, 0.5), Margin, Y, Margin + Width, Y);

        /// <summary>Greedy word wrap by measured width; a word longer than the width is cut where it must be.</summary>
        public List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (G.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (line.Length > 1 && G.MeasureString(line, font).Width > width)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && G.MeasureString(line[..cut], font).Width > width)
                    {
                        cut--;
                    }

                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }

            if (line.Length > 0 || lines.Count == 0)
            {
                lines.Add(line);
            }

            return lines;
        }

        public void Dispose() => graphics?.Dispose();
    }
}
