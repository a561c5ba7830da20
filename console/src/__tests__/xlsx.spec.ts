import { describe, expect, it } from 'vitest'
import { unzipSync, strFromU8 } from 'fflate'
import { buildXlsx, columnName, escapeXml, sheetName, xlsxParts } from '@/utils/xlsx'

describe('the XLSX writer', () => {
  it('names columns A…Z, AA…', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA'])
  })
  it('escapes XML and drops characters XML cannot carry', () => {
    expect(escapeXml('a<b>&"c"\u0001\u0007d\te')).toBe('a&lt;b&gt;&amp;&quot;c&quot;d\te')
  })
  it('keeps sheet names within Excel\'s rules and unique', () => {
    const used = new Set<string>()
    expect(sheetName('按条线/社区 [2026]', used)).toBe('按条线 社区  2026')
    expect(sheetName('x'.repeat(40), used)).toHaveLength(31)
    expect(sheetName('X'.repeat(40), used)).toBe('x'.repeat(29).toUpperCase() + '_2')
  })
  it('writes strings inline, numbers as numbers, and a bold header', () => {
    const parts = xlsxParts([{ name: '工作汇报', rows: [['项目', '数量'], ['接访日', 3], ['满意率', 0.875], ['=1+1', null]] }])
    const sheet = parts['xl/worksheets/sheet1.xml']!
    expect(sheet).toContain('<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">项目</t></is></c>')
    expect(sheet).toContain('<c r="B2"><v>3</v></c>')
    expect(sheet).toContain('<c r="B3"><v>0.875</v></c>')
    // a text that looks like a formula stays text
    expect(sheet).toContain('<c r="A4" t="inlineStr"><is><t xml:space="preserve">=1+1</t></is></c>')
    expect(sheet).not.toContain('<f>')
    expect(parts['xl/workbook.xml']).toContain('<sheet name="工作汇报" sheetId="1" r:id="rId1"/>')
  })
  it('zips a package whose parts a reader finds', async () => {
    const bytes = await buildXlsx([{ name: 'A', rows: [['x']] }, { name: 'B', rows: [[1]] }])
    const files = unzipSync(bytes)
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml',
      'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml',
    ])
    expect(strFromU8(files['xl/_rels/workbook.xml.rels']!)).toContain('Target="worksheets/sheet2.xml"')
    expect(strFromU8(files['[Content_Types].xml']!)).toContain('/xl/worksheets/sheet2.xml')
  })
  it('refuses a workbook without sheets', () => {
    expect(() => xlsxParts([])).toThrow()
  })
})
