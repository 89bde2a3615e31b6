import { useDelivery } from '../../app/delivery'
import { CategoryField, LinkField, useJourneyBrand, withOptional } from '../../inspector/message-fields'
import { OfferPicker } from '../../inspector/OfferPicker'
import { ProviderTemplateField } from '../../inspector/ProviderTemplateField'
import { SendWindowEditor } from '../../inspector/SendWindowEditor'
import { SmsEditor } from '../../inspector/SmsEditor'
import { TemplateMapping } from '../../inspector/template-mapping/TemplateMapping'
import { useNodeData } from '../../inspector/useNodeData'

export function SendSmsInspector({ nodeId }: { nodeId: string }) {
  const { node, update } = useNodeData<'send_sms'>(nodeId)
  const brand = useJourneyBrand()
  const { data } = node
  const route = useDelivery((state) => state.delivery?.[data.category])
  // A template cloud sends only its approved templates: the free text gives way to the template and its mapping.
  const templates = route?.templates
  return (
    <>
      {templates ? (
        <TemplateMapping
          category={data.category}
          value={data.providerTemplate}
          route={{ ...route, templates }}
          onChange={(choice) => update({ ...withOptional(data, 'providerTemplate', choice.providerTemplate), text: choice.text }, 'providerTemplate')}
        />
      ) : (
        <SmsEditor text={data.text} category={data.category} brand={brand} onChange={(text) => update({ ...data, text }, 'text')} />
      )}
      <CategoryField value={data.category} onChange={(category) => update({ ...data, category })} />
      <LinkField value={data.linkUrl} onChange={(linkUrl) => update(withOptional(data, 'linkUrl', linkUrl), 'linkUrl')} />
      <OfferPicker value={data.offer} onChange={(offer) => update(withOptional(data, 'offer', offer), 'offer')} />
      {!templates && (
        <ProviderTemplateField
          value={data.providerTemplate}
          onChange={(providerTemplate) => update(withOptional(data, 'providerTemplate', providerTemplate), 'providerTemplate')}
        />
      )}
      <SendWindowEditor value={data.sendWindow} onChange={(sendWindow) => update(withOptional(data, 'sendWindow', sendWindow))} />
    </>
  )
}
